using System.Text;

namespace Arbiter.Simulator;

/// <summary>A transport-free HTTP answer of a simulated venue: status, content type and body bytes.</summary>
public sealed class SimHttpResponse
{
    public SimHttpResponse(int statusCode, byte[] body, string contentType = "application/json; charset=utf-8")
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    public byte[] Body { get; }

    public string ContentType { get; }

    /// <summary>The body decoded as UTF-8, for tests and logs.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    internal static SimHttpResponse Json(int statusCode, string json) => new(statusCode, Encoding.UTF8.GetBytes(json));

    internal static SimHttpResponse Json(int statusCode, byte[] json) => new(statusCode, json);
}
