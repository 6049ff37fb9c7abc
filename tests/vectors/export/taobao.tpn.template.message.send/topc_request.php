<?php
// taobao.tpn.template.message.send, exported by topc from profile doc, for the TOP PHP SDK (TopSdk.php).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
include "TopSdk.php";

$c = new TopClient;
$c->appkey = "12345678";
$c->secretKey = getenv("TOP_APP_SECRET");
$c->gatewayUrl = "http://gw.api.taobao.com/router/rest";
$c->format = "json";
$req = new TpnTemplateMessageSendRequest;
$req->setTemplateKey("xxxx");
$req->setMobileBizData("{\"key1\":\"value\",\"key2\":123}");
$req->setBizData("{\"key1\":\"value\",\"key2\":123}");
$req->setTemplateId("101");
$req->setPicture("http://xxx");
$req->setPict("http://xxx");
$req->setUserId("12345");
$req->setSubUserId("123456");
$req->setTitleParam("{\"key1\":\"value\",\"key2\":123}");
$req->setBizId("122323434545");
$req->setContentParam("{\"key1\":\"value\",\"key2\":123}");
$resp = $c->execute($req);
var_dump($resp);
