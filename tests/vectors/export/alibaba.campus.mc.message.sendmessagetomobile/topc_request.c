// alibaba.campus.mc.message.sendmessagetomobile, exported by topc from profile doc, for the TOP C SDK (topsdk.h).
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
    set_api_name(pRequest, "alibaba.campus.mc.message.sendmessagetomobile");
    add_param(pRequest, "mobile_receiver_message_event", "{\"action\":\"1\",\"company_id\":\"1\",\"corp_id\":\"1\",\"event_time_millis\":1,\"event_type\":\"mobile_receiver\",\"json_data\":\"1\",\"mobile_receiver\":\"133333333333\",\"msg_key\":\"1\",\"resource_id\":\"1\",\"resource_url\":\"1\",\"sender\":\"1\",\"source\":\"1\"}");
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
