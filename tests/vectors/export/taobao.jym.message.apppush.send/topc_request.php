<?php
// taobao.jym.message.apppush.send, exported by topc from profile doc, for the TOP PHP SDK (TopSdk.php).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
include "TopSdk.php";

$c = new TopClient;
$c->appkey = "12345678";
$c->secretKey = getenv("TOP_APP_SECRET");
$c->gatewayUrl = "http://gw.api.taobao.com/router/rest";
$c->format = "json";
$req = new JymMessageApppushSendRequest;
$req->setUserId("1526984087476772");
$req->setMessageId("wetgeh4yhgsg");
$req->setTemplateId("1");
$push_content_dto = new PushContentDto;
$push_redirect_url_dto = new PushRedirectUrlDto;
$push_redirect_url_dto->redirect_url = "http://www.jiaoyimao.com";
$push_redirect_url_dto->redirect_url_type = "1";
$push_content_dto->push_redirect_url_dto = $push_redirect_url_dto;
$push_content_dto->title = "标题";
$push_content_dto->content = "内容";
$req->setPushContentDto(json_encode($push_content_dto));
$resp = $c->execute($req);
var_dump($resp);
