<?php
// alibaba.campus.mc.message.sendmessagetomobile, exported by topc from profile doc, for the TOP PHP SDK (TopSdk.php).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
include "TopSdk.php";

$c = new TopClient;
$c->appkey = "12345678";
$c->secretKey = getenv("TOP_APP_SECRET");
$c->gatewayUrl = "http://gw.api.taobao.com/router/rest";
$c->format = "json";
$req = new AlibabaCampusMcMessageSendmessagetomobileRequest;
$mobile_receiver_message_event = new MobileReceiverMessageEvent;
$mobile_receiver_message_event->msg_key = "1";
$mobile_receiver_message_event->event_time_millis = "1";
$mobile_receiver_message_event->json_data = "1";
$mobile_receiver_message_event->event_type = "mobile_receiver";
$mobile_receiver_message_event->source = "1";
$mobile_receiver_message_event->action = "1";
$mobile_receiver_message_event->resource_id = "1";
$mobile_receiver_message_event->resource_url = "1";
$mobile_receiver_message_event->mobile_receiver = "133333333333";
$mobile_receiver_message_event->company_id = "1";
$mobile_receiver_message_event->sender = "1";
$mobile_receiver_message_event->corp_id = "1";
$req->setMobileReceiverMessageEvent(json_encode($mobile_receiver_message_event));
$resp = $c->execute($req);
var_dump($resp);
