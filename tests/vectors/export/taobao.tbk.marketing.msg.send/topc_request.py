# -*- coding: utf-8 -*-
# taobao.tbk.marketing.msg.send, exported by topc from profile doc, for the TOP Python SDK (top.api).
# The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
# This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
import os
import top.api

url = "gw.api.taobao.com"
port = 80
appkey = "12345678"
secret = os.environ.get("TOP_APP_SECRET")
req = top.api.TbkMarketingMsgSendRequest(url, port)
req.set_app_info(top.appinfo(appkey, secret))

req.func_type = 1
req.msg_id = "h7a9dht4l"
req.material_type = 1
req.template_id = 7989
req.material_id = "mda76h9fa7-7dbaliu4q"
req.uvid = "jo3iha09fn7ed"
req.adzone_id = "123"
req.start_time = "2023-11-11 00:00:00"
req.test_oaid = "OAID"
req.target_item = "{\"item_id_list\":[\"top:mda76h9fa7-7dbaliu4q\"]}"
req.manufacturer = "huawei"
req.huawei_sp = "{\"advanced_style\":1,\"back_pic_id\":\"123\",\"icon_id\":\"123\",\"light_back_pic_id\":\"123\",\"notify_id\":\"20231111\",\"small_pic_url\":\"pic.aliyun.com\",\"title_color\":1,\"unfold\":1}"
req.oppo_sp = "{\"big_pic_url\":\"gw.alicdn.com\",\"fold_group\":\"group1\",\"is_top\":1,\"material_id\":\"123\",\"mid_pic_url\":\"gw.alicdn.com\",\"msg_label\":1,\"notify_style\":1,\"show_time\":2,\"unfold\":1}"
req.rongyao_sp = "{\"advanced_style\":1,\"back_pic_url\":\"gw.alicdn.com\",\"big_pic_expire_action\":1,\"big_pic_expire_time\":\"2024-07-01 23:59\",\"big_pic_url\":\"gw.alicdn.com\",\"lock_ring\":1,\"title_color\":1,\"top_end_time\":\"2024-07-02 03:59\",\"top_start_time\":\"2024-07-01 03:59\"}"
req.for_inner_test = "false"
try:
    resp = req.getResponse()
    print(resp)
except Exception as e:
    print(e)
