// alibaba.campus.mc.message.sendmessagetomobile, exported by topc from profile doc, for the TOP NodeJS SDK (topClient.js).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
var TopClient = require('./topClient').TopClient;
var client = new TopClient({
	'appkey': '12345678',
	'appsecret': process.env.TOP_APP_SECRET,
	'REST_URL': 'http://gw.api.taobao.com/router/rest'
});

client.execute('alibaba.campus.mc.message.sendmessagetomobile', {
	'mobile_receiver_message_event': '{"action":"1","company_id":"1","corp_id":"1","event_time_millis":1,"event_type":"mobile_receiver","json_data":"1","mobile_receiver":"133333333333","msg_key":"1","resource_id":"1","resource_url":"1","sender":"1","source":"1"}',
}, function(error, response) {
	if (!error) console.log(response);
	else console.log(error);
});
