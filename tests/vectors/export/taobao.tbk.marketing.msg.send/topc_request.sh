#!/bin/sh
# Exported by topc: each request is signed afresh by topc sign when it runs,
# and curl reads the signed body from a pipe.  No secret and no session key
# is written here; set TOPC_URL to send every request elsewhere.
set -eu

# taobao.tbk.marketing.msg.send (profile doc)
url=${TOPC_URL:-}
[ -n "$url" ] || url='http://gw.api.taobao.com/router/rest'
body=$(topc sign -p 'doc' --now --emit-body -- \
    'method=taobao.tbk.marketing.msg.send' \
    'app_key=12345678' \
    'v=2.0' \
    'format=json' \
    'sign_method=hmac-sha256' \
    'func_type=1' \
    'msg_id=h7a9dht4l' \
    'material_type=1' \
    'template_id=7989' \
    'material_id=mda76h9fa7-7dbaliu4q' \
    'uvid=jo3iha09fn7ed' \
    'adzone_id=123' \
    'start_time=2023-11-11 00:00:00' \
    'test_oaid=OAID' \
    'target_item={"item_id_list":["top:mda76h9fa7-7dbaliu4q"]}' \
    'manufacturer=huawei' \
    'huawei_sp={"advanced_style":1,"back_pic_id":"123","icon_id":"123","light_back_pic_id":"123","notify_id":"20231111","small_pic_url":"pic.aliyun.com","title_color":1,"unfold":1}' \
    'oppo_sp={"big_pic_url":"gw.alicdn.com","fold_group":"group1","is_top":1,"material_id":"123","mid_pic_url":"gw.alicdn.com","msg_label":1,"notify_style":1,"show_time":2,"unfold":1}' \
    'rongyao_sp={"advanced_style":1,"back_pic_url":"gw.alicdn.com","big_pic_expire_action":1,"big_pic_expire_time":"2024-07-01 23:59","big_pic_url":"gw.alicdn.com","lock_ring":1,"title_color":1,"top_end_time":"2024-07-02 03:59","top_start_time":"2024-07-01 03:59"}' \
    'for_inner_test=false')
printf '%s' "$body" | curl -sS -H 'Content-Type: application/x-www-form-urlencoded;charset=utf-8' --data-binary @- --url "$url"
echo

