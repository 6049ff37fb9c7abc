#!/bin/sh
# Exported by topc: each request is signed afresh by topc sign when it runs,
# and curl reads the signed body from a pipe.  No secret and no session key
# is written here; set TOPC_URL to send every request elsewhere.
set -eu

# taobao.jym.message.apppush.send (profile doc)
url=${TOPC_URL:-}
[ -n "$url" ] || url='http://gw.api.taobao.com/router/rest'
body=$(topc sign -p 'doc' --now --emit-body -- \
    'method=taobao.jym.message.apppush.send' \
    'app_key=12345678' \
    'v=2.0' \
    'format=json' \
    'sign_method=hmac-sha256' \
    'user_id=1526984087476772' \
    'message_id=wetgeh4yhgsg' \
    'template_id=1' \
    'push_content_dto={"content":"内容","push_redirect_url_dto":{"redirect_url":"http:\/\/www.jiaoyimao.com","redirect_url_type":1},"title":"标题"}')
printf '%s' "$body" | curl -sS -H 'Content-Type: application/x-www-form-urlencoded;charset=utf-8' --data-binary @- --url "$url"
echo

