# -*- coding: utf-8 -*-
# taobao.jym.message.apppush.send, exported by topc from profile doc, for the TOP Python SDK (top.api).
# The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
# This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
import os
import top.api

url = "gw.api.taobao.com"
port = 80
appkey = "12345678"
secret = os.environ.get("TOP_APP_SECRET")
req = top.api.JymMessageApppushSendRequest(url, port)
req.set_app_info(top.appinfo(appkey, secret))

req.user_id = 1526984087476772
req.message_id = "wetgeh4yhgsg"
req.template_id = 1
req.push_content_dto = "{\"content\":\"内容\",\"push_redirect_url_dto\":{\"redirect_url\":\"http:\\/\\/www.jiaoyimao.com\",\"redirect_url_type\":1},\"title\":\"标题\"}"
try:
    resp = req.getResponse()
    print(resp)
except Exception as e:
    print(e)
