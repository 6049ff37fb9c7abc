// taobao.tbk.marketing.msg.send, exported by topc from profile doc, for the TOP .NET SDK (Top.Api).
// The app secret is read from the environment variable TOP_APP_SECRET; it is not written here.
using System;
using System.Collections.Generic;
using Top.Api;
using Top.Api.Request;
using Top.Api.Response;

public class TopcRequest
{
    public static void Main(string[] args)
    {
        string url = "http://gw.api.taobao.com/router/rest";
        string appkey = "12345678";
        string secret = Environment.GetEnvironmentVariable("TOP_APP_SECRET");
        DefaultTopClient client = new DefaultTopClient(url, appkey, secret, "json");
        client.SetSignMethod("hmac-sha256");
        TbkMarketingMsgSendRequest req = new TbkMarketingMsgSendRequest();
        req.FuncType = 1L;
        req.MsgId = "h7a9dht4l";
        req.MaterialType = 1L;
        req.TemplateId = 7989L;
        req.MaterialId = "mda76h9fa7-7dbaliu4q";
        req.Uvid = "jo3iha09fn7ed";
        req.AdzoneId = "123";
        req.StartTime = "2023-11-11 00:00:00";
        req.TestOaid = "OAID";
        TbkMarketingMsgSendRequest.TargetItemDTODomain obj1 = new TbkMarketingMsgSendRequest.TargetItemDTODomain();
        obj1.ItemIdList = new List<string> { "top:mda76h9fa7-7dbaliu4q" };
        req.TargetItem_ = obj1;
        req.Manufacturer = "huawei";
        TbkMarketingMsgSendRequest.HwMapDomain obj2 = new TbkMarketingMsgSendRequest.HwMapDomain();
        obj2.BackPicId = "123";
        obj2.TitleColor = 1L;
        obj2.AdvancedStyle = 1L;
        obj2.IconId = "123";
        obj2.SmallPicUrl = "pic.aliyun.com";
        obj2.NotifyId = "20231111";
        obj2.Unfold = 1L;
        obj2.LightBackPicId = "123";
        req.HuaweiSp_ = obj2;
        TbkMarketingMsgSendRequest.OpMapDomain obj3 = new TbkMarketingMsgSendRequest.OpMapDomain();
        obj3.ShowTime = 2L;
        obj3.NotifyStyle = 1L;
        obj3.MidPicUrl = "gw.alicdn.com";
        obj3.BigPicUrl = "gw.alicdn.com";
        obj3.MaterialId = "123";
        obj3.FoldGroup = "group1";
        obj3.MsgLabel = 1L;
        obj3.Unfold = 1L;
        obj3.IsTop = 1L;
        req.OppoSp_ = obj3;
        TbkMarketingMsgSendRequest.RyMapDomain obj4 = new TbkMarketingMsgSendRequest.RyMapDomain();
        obj4.TitleColor = 1L;
        obj4.AdvancedStyle = 1L;
        obj4.BackPicUrl = "gw.alicdn.com";
        obj4.TopStartTime = "2024-07-01 03:59";
        obj4.TopEndTime = "2024-07-02 03:59";
        obj4.BigPicUrl = "gw.alicdn.com";
        obj4.BigPicExpireTime = "2024-07-01 23:59";
        obj4.BigPicExpireAction = 1L;
        obj4.LockRing = 1L;
        req.RongyaoSp_ = obj4;
        req.ForInnerTest = false;
        TbkMarketingMsgSendResponse rsp = client.Execute(req);
        Console.WriteLine(rsp.Body);
    }
}
