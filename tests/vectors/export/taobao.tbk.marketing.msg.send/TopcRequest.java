// taobao.tbk.marketing.msg.send, exported by topc from profile doc, for the TOP Java SDK (com.taobao.api).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
import com.taobao.api.ApiException;
import com.taobao.api.DefaultTaobaoClient;
import com.taobao.api.TaobaoClient;
import com.taobao.api.request.TbkMarketingMsgSendRequest;
import com.taobao.api.response.TbkMarketingMsgSendResponse;

public class TopcRequest {
    public static void main(String[] args) throws ApiException {
        String url = "http://gw.api.taobao.com/router/rest";
        String appkey = "12345678";
        String secret = System.getenv("TOP_APP_SECRET");
        TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);
        TbkMarketingMsgSendRequest req = new TbkMarketingMsgSendRequest();
        req.setFuncType(1L);
        req.setMsgId("h7a9dht4l");
        req.setMaterialType(1L);
        req.setTemplateId(7989L);
        req.setMaterialId("mda76h9fa7-7dbaliu4q");
        req.setUvid("jo3iha09fn7ed");
        req.setAdzoneId("123");
        req.setStartTime("2023-11-11 00:00:00");
        req.setTestOaid("OAID");
        TbkMarketingMsgSendRequest.TargetItemDTO obj1 = new TbkMarketingMsgSendRequest.TargetItemDTO();
        obj1.setItemIdList(java.util.Arrays.asList("top:mda76h9fa7-7dbaliu4q"));
        req.setTargetItem(obj1);
        req.setManufacturer("huawei");
        TbkMarketingMsgSendRequest.HwMap obj2 = new TbkMarketingMsgSendRequest.HwMap();
        obj2.setBackPicId("123");
        obj2.setTitleColor(1L);
        obj2.setAdvancedStyle(1L);
        obj2.setIconId("123");
        obj2.setSmallPicUrl("pic.aliyun.com");
        obj2.setNotifyId("20231111");
        obj2.setUnfold(1L);
        obj2.setLightBackPicId("123");
        req.setHuaweiSp(obj2);
        TbkMarketingMsgSendRequest.OpMap obj3 = new TbkMarketingMsgSendRequest.OpMap();
        obj3.setShowTime(2L);
        obj3.setNotifyStyle(1L);
        obj3.setMidPicUrl("gw.alicdn.com");
        obj3.setBigPicUrl("gw.alicdn.com");
        obj3.setMaterialId("123");
        obj3.setFoldGroup("group1");
        obj3.setMsgLabel(1L);
        obj3.setUnfold(1L);
        obj3.setIsTop(1L);
        req.setOppoSp(obj3);
        TbkMarketingMsgSendRequest.RyMap obj4 = new TbkMarketingMsgSendRequest.RyMap();
        obj4.setTitleColor(1L);
        obj4.setAdvancedStyle(1L);
        obj4.setBackPicUrl("gw.alicdn.com");
        obj4.setTopStartTime("2024-07-01 03:59");
        obj4.setTopEndTime("2024-07-02 03:59");
        obj4.setBigPicUrl("gw.alicdn.com");
        obj4.setBigPicExpireTime("2024-07-01 23:59");
        obj4.setBigPicExpireAction(1L);
        obj4.setLockRing(1L);
        req.setRongyaoSp(obj4);
        req.setForInnerTest(false);
        TbkMarketingMsgSendResponse rsp = client.execute(req);
        System.out.println(rsp.getBody());
    }
}
