// taobao.tbk.marketing.msg.send, exported by topc from profile doc, for the TOP NodeJS SDK (topClient.js).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
var TopClient = require('./topClient').TopClient;
var client = new TopClient({
	'appkey': '12345678',
	'appsecret': process.env.TOP_APP_SECRET,
	'REST_URL': 'http://gw.api.taobao.com/router/rest'
});

client.execute('taobao.tbk.marketing.msg.send', {
	'func_type': '1',
	'msg_id': 'h7a9dht4l',
	'material_type': '1',
	'template_id': '7989',
	'material_id': 'mda76h9fa7-7dbaliu4q',
	'uvid': 'jo3iha09fn7ed',
	'adzone_id': '123',
	'start_time': '2023-11-11 00:00:00',
	'test_oaid': 'OAID',
	'target_item': '{"item_id_list":["top:mda76h9fa7-7dbaliu4q"]}',
	'manufacturer': 'huawei',
	'huawei_sp': '{"advanced_style":1,"back_pic_id":"123","icon_id":"123","light_back_pic_id":"123","notify_id":"20231111","small_pic_url":"pic.aliyun.com","title_color":1,"unfold":1}',
	'oppo_sp': '{"big_pic_url":"gw.alicdn.com","fold_group":"group1","is_top":1,"material_id":"123","mid_pic_url":"gw.alicdn.com","msg_label":1,"notify_style":1,"show_time":2,"unfold":1}',
	'rongyao_sp': '{"advanced_style":1,"back_pic_url":"gw.alicdn.com","big_pic_expire_action":1,"big_pic_expire_time":"2024-07-01 23:59","big_pic_url":"gw.alicdn.com","lock_ring":1,"title_color":1,"top_end_time":"2024-07-02 03:59","top_start_time":"2024-07-01 03:59"}',
	'for_inner_test': 'false',
}, function(error, response) {
	if (!error) console.log(response);
	else console.log(error);
});
