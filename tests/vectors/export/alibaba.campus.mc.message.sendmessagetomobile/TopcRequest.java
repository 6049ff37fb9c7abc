// alibaba.campus.mc.message.sendmessagetomobile, exported by topc from profile doc, for the TOP Java SDK (com.taobao.api).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
import com.taobao.api.ApiException;
import com.taobao.api.DefaultTaobaoClient;
import com.taobao.api.TaobaoClient;
import com.taobao.api.request.AlibabaCampusMcMessageSendmessagetomobileRequest;
import com.taobao.api.response.AlibabaCampusMcMessageSendmessagetomobileResponse;

public class TopcRequest {
    public static void main(String[] args) throws ApiException {
        String url = "http://gw.api.taobao.com/router/rest";
        String appkey = "12345678";
        String secret = System.getenv("TOP_APP_SECRET");
        TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);
        AlibabaCampusMcMessageSendmessagetomobileRequest req = new AlibabaCampusMcMessageSendmessagetomobileRequest();
        AlibabaCampusMcMessageSendmessagetomobileRequest.MobileReceiverMessageEvent obj1 = new AlibabaCampusMcMessageSendmessagetomobileRequest.MobileReceiverMessageEvent();
        obj1.setMsgKey("1");
        obj1.setEventTimeMillis(1L);
        obj1.setJsonData("1");
        obj1.setEventType("mobile_receiver");
        obj1.setSource("1");
        obj1.setAction("1");
        obj1.setResourceId("1");
        obj1.setResourceUrl("1");
        obj1.setMobileReceiver("133333333333");
        obj1.setCompanyId("1");
        obj1.setSender("1");
        obj1.setCorpId("1");
        req.setMobileReceiverMessageEvent(obj1);
        AlibabaCampusMcMessageSendmessagetomobileResponse rsp = client.execute(req);
        System.out.println(rsp.getBody());
    }
}
