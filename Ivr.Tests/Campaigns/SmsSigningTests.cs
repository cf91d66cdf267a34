using Ivr.Service.Sms;

namespace Ivr.Tests.Campaigns;

/// <summary>Known-answer tests from the providers' own signing examples.</summary>
public sealed class SmsSigningTests
{
    [Fact]
    public void Alibaba_RPC_signature_matches_the_documented_DescribeRegions_example()
    {
        // Alibaba Cloud "RPC signature" documentation example (AccessKeySecret testsecret).
        var query = AlibabaRpcSignature.CanonicalQuery(new Dictionary<string, string>
        {
            ["Timestamp"] = "2016-02-23T12:46:24Z", ["Format"] = "XML", ["AccessKeyId"] = "testid", ["Action"] = "DescribeRegions",
            ["SignatureMethod"] = "HMAC-SHA1", ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", ["Version"] = "2014-05-26",
            ["SignatureVersion"] = "1.0",
        });
        var toSign = AlibabaRpcSignature.StringToSign("GET", query);
        Assert.Equal("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26", toSign);
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", AlibabaRpcSignature.Sign(toSign, "testsecret"));
    }

    [Fact]
    public void Alibaba_RPC_signature_matches_the_documented_SendSms_example_with_Chinese_sign_name()
    {
        // The SMS documentation's signing example (AccessKeyId testId, secret testSecret, sign name 阿里云短信测试专用).
        var query = AlibabaRpcSignature.CanonicalQuery(new Dictionary<string, string>
        {
            ["SignatureMethod"] = "HMAC-SHA1", ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466", ["AccessKeyId"] = "testId",
            ["SignatureVersion"] = "1.0", ["Timestamp"] = "2017-07-12T02:42:19Z", ["Format"] = "XML", ["Action"] = "SendSms",
            ["Version"] = "2017-05-25", ["RegionId"] = "cn-hangzhou", ["PhoneNumbers"] = "15300000001", ["SignName"] = "阿里云短信测试专用",
            ["TemplateParam"] = "{\"customer\":\"test\"}", ["TemplateCode"] = "SMS_71390007", ["OutId"] = "123",
        });
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AlibabaRpcSignature.Sign(AlibabaRpcSignature.StringToSign("GET", query), "testSecret"));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a*b~c", "a%2Ab~c")]
    [InlineData("+/=", "%2B%2F%3D")]
    [InlineData("税", "%E7%A8%8E")]
    public void Alibaba_percent_encoding_keeps_only_the_unreserved_characters(string raw, string encoded) =>
        Assert.Equal(encoded, AlibabaRpcSignature.Encode(raw));

    [Fact]
    public void Tencent_TC3_canonical_request_and_string_to_sign_match_the_documented_CVM_example()
    {
        // Tencent Cloud API 3.0 signing example: DescribeInstances on cvm, timestamp 1551113065 (2019-02-25).
        const string payload = """{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}""";
        Assert.Equal("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", TencentTc3Signature.Sha256Hex(payload));
        var canonical = TencentTc3Signature.CanonicalRequest("application/json; charset=utf-8", "cvm.tencentcloudapi.com", payload);
        Assert.Equal("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", TencentTc3Signature.Sha256Hex(canonical));
        var toSign = TencentTc3Signature.StringToSign(1551113065, "cvm", canonical);
        Assert.Equal("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", toSign);
        // The documentation prints the final signature for two spellings of its example secret: the older pages with
        // "…EXAMPLE" (curl example: Signature=72e494ea…), the current ones with the masked "…*******" (2230eefd…).
        Assert.Equal("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
            TencentTc3Signature.Signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", 1551113065, "cvm", toSign));
        Assert.Equal("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
            TencentTc3Signature.Signature("Gu5t9xGARNpq86cd98joQYCN3*******", 1551113065, "cvm", toSign));
    }
}
