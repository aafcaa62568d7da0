using AuthEvents.Ingest.Sources;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Web;

/// <summary>
/// The start every webhook receiver shares, against the unbounded use issue 12 found: an unsigned sender is refused
/// before a byte of its body is read, a body that trickles in is a 408 (not a 500 and a stack trace), and the default
/// size limit fits real payloads and little more.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class WebhookRequestTests
{
    [Fact]
    public async Task Receive_CheckWithoutTheBodyFails_401AndTheBodyIsNeverRead()
    {
        var body = new WatchedBody(new MemoryStream(new byte[1000]));
        var request = Request(body);
        IReadOnlyList<KeyValuePair<string, string>>? seen = null;

        var (received, refusal) = await WebhookRequest.ReceiveAsync(
            request, enabled: true, "Entrust", 64 * 1024, headers => { seen = headers; return "Missing Signature header"; }, NullLogger.Instance, CancellationToken.None);

        Assert.Null(received);
        Assert.Equal(StatusCodes.Status401Unauthorized, Status(refusal));
        Assert.Equal("Missing Signature header", ((ProblemHttpResult)refusal!).ProblemDetails.Detail);
        Assert.False(body.WasRead);
        Assert.Contains(seen!, h => h.Key == "X-Test" && h.Value == "1");
    }

    [Fact]
    public async Task Receive_CheckWithoutTheBodyPasses_TheBodyIsRead()
    {
        var request = Request(new MemoryStream("{\"a\":1}"u8.ToArray()));

        var (received, refusal) = await WebhookRequest.ReceiveAsync(request, enabled: true, "Entrust", 64 * 1024, _ => null, NullLogger.Instance, CancellationToken.None);

        Assert.Null(refusal);
        Assert.Equal("{\"a\":1}"u8.ToArray(), received);
    }

    [Theory]
    [InlineData(StatusCodes.Status408RequestTimeout, "The body arrived too slowly.")]
    [InlineData(StatusCodes.Status400BadRequest, "The body did not arrive whole.")]
    public async Task Receive_BodyTooSlowOrCutShort_AnsweredWithKestrelsStatusAndAWarning(int status, string detail)
    {
        // What Kestrel throws from the body stream when the sender stays under the minimum data rate, or stops mid-body.
        var request = Request(new FailingBody(new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", status)));
        using var logs = new TestLoggerProvider();
        using var loggers = logs.CreateFactory();

        var (received, refusal) = await WebhookRequest.ReceiveAsync(request, enabled: true, "FusionAuth", 64 * 1024, _ => null, loggers.CreateLogger("webhooks"), CancellationToken.None);

        Assert.Null(received);
        Assert.Equal(status, Status(refusal));
        Assert.Equal(detail, ((ProblemHttpResult)refusal!).ProblemDetails.Detail);
        var warning = Assert.Single(logs.Entries);
        Assert.StartsWith($"Warning webhooks[", warning, StringComparison.Ordinal);
        Assert.Contains($"FusionAuth webhook body not received ({status})", warning, StringComparison.Ordinal);
        // A warning with the reason, not an exception with its stack trace.
        Assert.EndsWith(" | ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultLimit_64KiB_ABodyOneByteOverIsRefused()
    {
        var limit = new WebhookOptions().MaxBodyBytes;
        Assert.Equal(64 * 1024, limit);

        var (atLimit, _) = await WebhookRequest.ReceiveAsync(Request(new MemoryStream(new byte[limit])), true, "Entrust", limit, _ => null, NullLogger.Instance, CancellationToken.None);
        var (over, refusal) = await WebhookRequest.ReceiveAsync(Request(new MemoryStream(new byte[limit + 1])), true, "Entrust", limit, _ => null, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(limit, atLimit!.Length);
        Assert.Null(over);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Status(refusal));
    }

    private static HttpRequest Request(Stream body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Headers["X-Test"] = "1";
        context.Request.Body = body;
        return context.Request;
    }

    private static int? Status(IResult? result) => (result as IStatusCodeHttpResult)?.StatusCode;

    private sealed class WatchedBody(Stream inner) : Stream
    {
        public bool WasRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            WasRead = true;
            return inner.Read(buffer, offset, count);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WasRead = true;
            return inner.ReadAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class FailingBody(Exception failure) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw failure;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(failure);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
