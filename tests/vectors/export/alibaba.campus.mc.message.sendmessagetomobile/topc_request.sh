#!/bin/sh
# Exported by topc: each request is signed afresh by topc sign when it runs,
# and curl reads the signed body from a pipe.  No secret and no session key
# is written here; set TOPC_URL to send every request elsewhere.
set -eu

# alibaba.campus.mc.message.sendmessagetomobile (profile doc)
url=${TOPC_URL:-}
[ -n "$url" ] || url='http://gw.api.taobao.com/router/rest'
body=$(topc sign -p 'doc' --now --emit-body -- \
    'method=alibaba.campus.mc.message.sendmessagetomobile' \
    'app_key=12345678' \
    'v=2.0' \
    'format=json' \
    'sign_method=hmac-sha256' \
    'mobile_receiver_message_event={"action":"1","company_id":"1","corp_id":"1","event_time_millis":1,"event_type":"mobile_receiver","json_data":"1","mobile_receiver":"133333333333","msg_key":"1","resource_id":"1","resource_url":"1","sender":"1","source":"1"}')
printf '%s' "$body" | curl -sS -H 'Content-Type: application/x-www-form-urlencoded;charset=utf-8' --data-binary @- --url "$url"
echo

