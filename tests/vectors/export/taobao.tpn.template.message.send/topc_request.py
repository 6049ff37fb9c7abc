# -*- coding: utf-8 -*-
# taobao.tpn.template.message.send, exported by topc from profile doc, for the TOP Python SDK (top.api).
# The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
# This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
import os
import top.api

url = "gw.api.taobao.com"
port = 80
appkey = "12345678"
secret = os.environ.get("TOP_APP_SECRET")
req = top.api.TpnTemplateMessageSendRequest(url, port)
req.set_app_info(top.appinfo(appkey, secret))

req.template_key = "xxxx"
req.mobile_biz_data = "{\"key1\":\"value\",\"key2\":123}"
req.biz_data = "{\"key1\":\"value\",\"key2\":123}"
req.template_id = 101
req.picture = "http://xxx"
req.pict = "http://xxx"
req.user_id = 12345
req.sub_user_id = 123456
req.title_param = "{\"key1\":\"value\",\"key2\":123}"
req.biz_id = 122323434545
req.content_param = "{\"key1\":\"value\",\"key2\":123}"
try:
    resp = req.getResponse()
    print(resp)
except Exception as e:
    print(e)
