// taobao.jym.message.apppush.send, exported by topc from profile doc, for the TOP Java SDK (com.taobao.api).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
import com.taobao.api.ApiException;
import com.taobao.api.DefaultTaobaoClient;
import com.taobao.api.TaobaoClient;
import com.taobao.api.request.JymMessageApppushSendRequest;
import com.taobao.api.response.JymMessageApppushSendResponse;

public class TopcRequest {
    public static void main(String[] args) throws ApiException {
        String url = "http://gw.api.taobao.com/router/rest";
        String appkey = "12345678";
        String secret = System.getenv("TOP_APP_SECRET");
        TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);
        JymMessageApppushSendRequest req = new JymMessageApppushSendRequest();
        req.setUserId(1526984087476772L);
        req.setMessageId("wetgeh4yhgsg");
        req.setTemplateId(1L);
        JymMessageApppushSendRequest.PushContentDto obj1 = new JymMessageApppushSendRequest.PushContentDto();
        JymMessageApppushSendRequest.PushRedirectUrlDto obj2 = new JymMessageApppushSendRequest.PushRedirectUrlDto();
        obj2.setRedirectUrl("http://www.jiaoyimao.com");
        obj2.setRedirectUrlType(1L);
        obj1.setPushRedirectUrlDto(obj2);
        obj1.setTitle("标题");
        obj1.setContent("内容");
        req.setPushContentDto(obj1);
        JymMessageApppushSendResponse rsp = client.execute(req);
        System.out.println(rsp.getBody());
    }
}
