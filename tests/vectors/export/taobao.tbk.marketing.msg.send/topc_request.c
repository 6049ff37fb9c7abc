// taobao.tbk.marketing.msg.send, exported by topc from profile doc, for the TOP C SDK (topsdk.h).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
// This SDK signs with md5 (the profile uses hmac-sha256); the gateway accepts both.
#include <stdio.h>
#include <stdlib.h>
#include "topsdk.h"

int main(void)
{
    const char *url = "http://gw.api.taobao.com/router/rest";
    const char *appkey = "12345678";
    const char *appsecret = getenv("TOP_APP_SECRET");
    pTaobaoClient pClient = alloc_taobao_client(url, appkey, appsecret);
    pTopRequest pRequest = alloc_top_request();
    pTopResponse pResponse = NULL;
    set_api_name(pRequest, "taobao.tbk.marketing.msg.send");
    add_param(pRequest, "func_type", "1");
    add_param(pRequest, "msg_id", "h7a9dht4l");
    add_param(pRequest, "material_type", "1");
    add_param(pRequest, "template_id", "7989");
    add_param(pRequest, "material_id", "mda76h9fa7-7dbaliu4q");
    add_param(pRequest, "uvid", "jo3iha09fn7ed");
    add_param(pRequest, "adzone_id", "123");
    add_param(pRequest, "start_time", "2023-11-11 00:00:00");
    add_param(pRequest, "test_oaid", "OAID");
    add_param(pRequest, "target_item", "{\"item_id_list\":[\"top:mda76h9fa7-7dbaliu4q\"]}");
    add_param(pRequest, "manufacturer", "huawei");
    add_param(pRequest, "huawei_sp", "{\"advanced_style\":1,\"back_pic_id\":\"123\",\"icon_id\":\"123\",\"light_back_pic_id\":\"123\",\"notify_id\":\"20231111\",\"small_pic_url\":\"pic.aliyun.com\",\"title_color\":1,\"unfold\":1}");
    add_param(pRequest, "oppo_sp", "{\"big_pic_url\":\"gw.alicdn.com\",\"fold_group\":\"group1\",\"is_top\":1,\"material_id\":\"123\",\"mid_pic_url\":\"gw.alicdn.com\",\"msg_label\":1,\"notify_style\":1,\"show_time\":2,\"unfold\":1}");
    add_param(pRequest, "rongyao_sp", "{\"advanced_style\":1,\"back_pic_url\":\"gw.alicdn.com\",\"big_pic_expire_action\":1,\"big_pic_expire_time\":\"2024-07-01 23:59\",\"big_pic_url\":\"gw.alicdn.com\",\"lock_ring\":1,\"title_color\":1,\"top_end_time\":\"2024-07-02 03:59\",\"top_start_time\":\"2024-07-01 03:59\"}");
    add_param(pRequest, "for_inner_test", "false");
    pResponse = top_execute(pClient, pRequest, NULL);
    printf("ret code:%d\n", pResponse->code);
    if (pResponse->code == 0) {
        pTopResponseIterator ite = init_response_iterator(pResponse);
        pResultItem pResultItem = alloc_result_item();
        while (parseNext(ite, pResultItem) == 0)
            printf("%s:%s\n", pResultItem->key, pResultItem->value);
        destroy_response_iterator(ite);
        destroy_result_item(pResultItem);
    }
    destroy_top_request(pRequest);
    destroy_top_response(pResponse);
    destroy_taobao_client(pClient);
    return 0;
}
