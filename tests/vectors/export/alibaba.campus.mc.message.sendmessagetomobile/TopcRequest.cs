// alibaba.campus.mc.message.sendmessagetomobile, exported by topc from profile doc, for the TOP .NET SDK (Top.Api).
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
        AlibabaCampusMcMessageSendmessagetomobileRequest req = new AlibabaCampusMcMessageSendmessagetomobileRequest();
        AlibabaCampusMcMessageSendmessagetomobileRequest.MobileReceiverMessageEventDomain obj1 = new AlibabaCampusMcMessageSendmessagetomobileRequest.MobileReceiverMessageEventDomain();
        obj1.MsgKey = "1";
        obj1.EventTimeMillis = 1L;
        obj1.JsonData = "1";
        obj1.EventType = "mobile_receiver";
        obj1.Source = "1";
        obj1.Action = "1";
        obj1.ResourceId = "1";
        obj1.ResourceUrl = "1";
        obj1.MobileReceiver = "133333333333";
        obj1.CompanyId = "1";
        obj1.Sender = "1";
        obj1.CorpId = "1";
        req.MobileReceiverMessageEvent_ = obj1;
        AlibabaCampusMcMessageSendmessagetomobileResponse rsp = client.Execute(req);
        Console.WriteLine(rsp.Body);
    }
}
