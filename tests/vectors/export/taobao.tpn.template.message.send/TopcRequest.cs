// taobao.tpn.template.message.send, exported by topc from profile doc, for the TOP .NET SDK (Top.Api).
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
        TpnTemplateMessageSendRequest req = new TpnTemplateMessageSendRequest();
        req.TemplateKey = "xxxx";
        req.MobileBizData = "{\"key1\":\"value\",\"key2\":123}";
        req.BizData = "{\"key1\":\"value\",\"key2\":123}";
        req.TemplateId = 101L;
        req.Picture = "http://xxx";
        req.Pict = "http://xxx";
        req.UserId = 12345L;
        req.SubUserId = 123456L;
        req.TitleParam = "{\"key1\":\"value\",\"key2\":123}";
        req.BizId = 122323434545L;
        req.ContentParam = "{\"key1\":\"value\",\"key2\":123}";
        TpnTemplateMessageSendResponse rsp = client.Execute(req);
        Console.WriteLine(rsp.Body);
    }
}
