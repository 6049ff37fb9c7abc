// taobao.tpn.template.message.send, exported by topc from profile doc, for the TOP Java SDK (com.taobao.api).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
import com.taobao.api.ApiException;
import com.taobao.api.DefaultTaobaoClient;
import com.taobao.api.TaobaoClient;
import com.taobao.api.request.TpnTemplateMessageSendRequest;
import com.taobao.api.response.TpnTemplateMessageSendResponse;

public class TopcRequest {
    public static void main(String[] args) throws ApiException {
        String url = "http://gw.api.taobao.com/router/rest";
        String appkey = "12345678";
        String secret = System.getenv("TOP_APP_SECRET");
        TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);
        TpnTemplateMessageSendRequest req = new TpnTemplateMessageSendRequest();
        req.setTemplateKey("xxxx");
        req.setMobileBizDataString("{\"key1\":\"value\",\"key2\":123}");
        req.setBizDataString("{\"key1\":\"value\",\"key2\":123}");
        req.setTemplateId(101L);
        req.setPicture("http://xxx");
        req.setPict("http://xxx");
        req.setUserId(12345L);
        req.setSubUserId(123456L);
        req.setTitleParamString("{\"key1\":\"value\",\"key2\":123}");
        req.setBizId(122323434545L);
        req.setContentParamString("{\"key1\":\"value\",\"key2\":123}");
        TpnTemplateMessageSendResponse rsp = client.execute(req);
        System.out.println(rsp.getBody());
    }
}
