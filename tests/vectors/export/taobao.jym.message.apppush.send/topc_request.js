// taobao.jym.message.apppush.send, exported by topc from profile doc, for the TOP NodeJS SDK (topClient.js).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
var TopClient = require('./topClient').TopClient;
var client = new TopClient({
	'appkey': '12345678',
	'appsecret': process.env.TOP_APP_SECRET,
	'REST_URL': 'http://gw.api.taobao.com/router/rest'
});

client.execute('taobao.jym.message.apppush.send', {
	'user_id': '1526984087476772',
	'message_id': 'wetgeh4yhgsg',
	'template_id': '1',
	'push_content_dto': '{"content":"内容","push_redirect_url_dto":{"redirect_url":"http:\\/\\/www.jiaoyimao.com","redirect_url_type":1},"title":"标题"}',
}, function(error, response) {
	if (!error) console.log(response);
	else console.log(error);
});
