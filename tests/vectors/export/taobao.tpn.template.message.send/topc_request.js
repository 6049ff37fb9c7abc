// taobao.tpn.template.message.send, exported by topc from profile doc, for the TOP NodeJS SDK (topClient.js).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
var TopClient = require('./topClient').TopClient;
var client = new TopClient({
	'appkey': '12345678',
	'appsecret': process.env.TOP_APP_SECRET,
	'REST_URL': 'http://gw.api.taobao.com/router/rest'
});

client.execute('taobao.tpn.template.message.send', {
	'template_key': 'xxxx',
	'mobile_biz_data': '{"key1":"value","key2":123}',
	'biz_data': '{"key1":"value","key2":123}',
	'template_id': '101',
	'picture': 'http://xxx',
	'pict': 'http://xxx',
	'user_id': '12345',
	'sub_user_id': '123456',
	'title_param': '{"key1":"value","key2":123}',
	'biz_id': '122323434545',
	'content_param': '{"key1":"value","key2":123}',
}, function(error, response) {
	if (!error) console.log(response);
	else console.log(error);
});
