# -*- coding: utf-8 -*-
# alibaba.campus.mc.message.sendmessagetomobile, exported by topc from profile doc, for the TOP Python SDK (top.api).
# The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
# This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
import os
import top.api

url = "gw.api.taobao.com"
port = 80
appkey = "12345678"
secret = os.environ.get("TOP_APP_SECRET")
req = top.api.AlibabaCampusMcMessageSendmessagetomobileRequest(url, port)
req.set_app_info(top.appinfo(appkey, secret))

req.mobile_receiver_message_event = "{\"action\":\"1\",\"company_id\":\"1\",\"corp_id\":\"1\",\"event_time_millis\":1,\"event_type\":\"mobile_receiver\",\"json_data\":\"1\",\"mobile_receiver\":\"133333333333\",\"msg_key\":\"1\",\"resource_id\":\"1\",\"resource_url\":\"1\",\"sender\":\"1\",\"source\":\"1\"}"
try:
    resp = req.getResponse()
    print(resp)
except Exception as e:
    print(e)
