// taobao.tpn.template.message.send, exported by topc from profile doc, for the TOP C SDK (topsdk.h).
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
    set_api_name(pRequest, "taobao.tpn.template.message.send");
    add_param(pRequest, "template_key", "xxxx");
    add_param(pRequest, "mobile_biz_data", "{\"key1\":\"value\",\"key2\":123}");
    add_param(pRequest, "biz_data", "{\"key1\":\"value\",\"key2\":123}");
    add_param(pRequest, "template_id", "101");
    add_param(pRequest, "picture", "http://xxx");
    add_param(pRequest, "pict", "http://xxx");
    add_param(pRequest, "user_id", "12345");
    add_param(pRequest, "sub_user_id", "123456");
    add_param(pRequest, "title_param", "{\"key1\":\"value\",\"key2\":123}");
    add_param(pRequest, "biz_id", "122323434545");
    add_param(pRequest, "content_param", "{\"key1\":\"value\",\"key2\":123}");
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
