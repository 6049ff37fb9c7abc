#!/bin/sh
# Exported by topc: each request is signed afresh by topc sign when it runs,
# and curl reads the signed body from a pipe.  No secret and no session key
# is written here; set TOPC_URL to send every request elsewhere.
set -eu

# taobao.tpn.template.message.send (profile doc)
url=${TOPC_URL:-}
[ -n "$url" ] || url='http://gw.api.taobao.com/router/rest'
body=$(topc sign -p 'doc' --now --emit-body -- \
    'method=taobao.tpn.template.message.send' \
    'app_key=12345678' \
    'v=2.0' \
    'format=json' \
    'sign_method=hmac-sha256' \
    'template_key=xxxx' \
    'mobile_biz_data={"key1":"value","key2":123}' \
    'biz_data={"key1":"value","key2":123}' \
    'template_id=101' \
    'picture=http://xxx' \
    'pict=http://xxx' \
    'user_id=12345' \
    'sub_user_id=123456' \
    'title_param={"key1":"value","key2":123}' \
    'biz_id=122323434545' \
    'content_param={"key1":"value","key2":123}')
printf '%s' "$body" | curl -sS -H 'Content-Type: application/x-www-form-urlencoded;charset=utf-8' --data-binary @- --url "$url"
echo

