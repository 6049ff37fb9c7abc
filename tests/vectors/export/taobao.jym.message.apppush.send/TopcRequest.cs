// taobao.jym.message.apppush.send, exported by topc from profile doc, for the TOP .NET SDK (Top.Api).
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
        JymMessageApppushSendRequest req = new JymMessageApppushSendRequest();
        req.UserId = 1526984087476772L;
        req.MessageId = "wetgeh4yhgsg";
        req.TemplateId = 1L;
        JymMessageApppushSendRequest.PushContentDtoDomain obj1 = new JymMessageApppushSendRequest.PushContentDtoDomain();
        JymMessageApppushSendRequest.PushRedirectUrlDtoDomain obj2 = new JymMessageApppushSendRequest.PushRedirectUrlDtoDomain();
        obj2.RedirectUrl = "http://www.jiaoyimao.com";
        obj2.RedirectUrlType = 1L;
        obj1.PushRedirectUrlDto = obj2;
        obj1.Title = "标题";
        obj1.Content = "内容";
        req.PushContentDto_ = obj1;
        JymMessageApppushSendResponse rsp = client.Execute(req);
        Console.WriteLine(rsp.Body);
    }
}
