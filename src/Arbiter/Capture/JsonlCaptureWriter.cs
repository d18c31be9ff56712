using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Arbiter.Core;
using Arbiter.Venues;

namespace Arbiter.Capture;

/// <summary>
/// Writes every raw input as one JSON object per line (JSON Lines). Calls arrive under the ingest gate's lock, so
/// lines are in processing order. Frames that are not valid UTF-8 (a malformed-frame fault) are kept byte-exact in
/// <c>data64</c> (base64) instead of <c>data</c>.
/// </summary>
public sealed class JsonlCaptureWriter : ICaptureWriter, IDisposable
{
    private readonly Stream stream;
    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);
    private readonly Utf8JsonWriter json;
    private readonly object gate = new();
    private long lines;

    public JsonlCaptureWriter(string path)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
    {
    }

    public JsonlCaptureWriter(Stream stream)
    {
        this.stream = stream ?? throw new ArgumentNullException(nameof(stream));
        // Relaxed escaping keeps frames readable ("data":"{\"stream\":…}" rather than \u0022); a capture is never embedded in HTML.
        json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Lines written so far.</summary>
    public long Lines => Interlocked.Read(ref lines);

    public void WriteFrame(VenueId venue, string connectionId, long receivedAt, ReadOnlySpan<byte> utf8)
    {
        lock (gate)
        {
            Begin(receivedAt, venue, CaptureKinds.Ws);
            json.WriteString(CaptureFields.Conn, connectionId);
            WriteData(utf8);
            End();
        }
    }

    public void WriteRest(VenueId venue, string pathAndQuery, long receivedAt, ReadOnlySpan<byte> body)
    {
        lock (gate)
        {
            Begin(receivedAt, venue, CaptureKinds.Rest);
            json.WriteString(CaptureFields.Url, pathAndQuery);
            WriteData(body);
            End();
        }
    }

    public void WriteRestFailure(VenueId venue, string pathAndQuery, long at, string error)
    {
        lock (gate)
        {
            Begin(at, venue, CaptureKinds.RestError);
            json.WriteString(CaptureFields.Url, pathAndQuery);
            json.WriteString(CaptureFields.Error, error);
            End();
        }
    }

    public void WriteOpen(VenueId venue, string connectionId, long at, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (gate)
        {
            Begin(at, venue, CaptureKinds.Open);
            json.WriteString(CaptureFields.Conn, connectionId);
            json.WriteString(CaptureFields.Url, url.ToString());
            End();
        }
    }

    public void WriteClose(VenueId venue, string connectionId, long at)
    {
        lock (gate)
        {
            Begin(at, venue, CaptureKinds.Close);
            json.WriteString(CaptureFields.Conn, connectionId);
            End();
        }
    }

    /// <summary>The adapter options in force for <paramref name="venue"/>, so replay rebuilds the same adapters.</summary>
    public void WriteConfig(VenueId venue, long at, string optionsJson)
    {
        lock (gate)
        {
            Begin(at, venue, CaptureKinds.Config);
            json.WriteString(CaptureFields.Data, optionsJson);
            End();
        }
    }

    /// <summary>An FX quote published to the engine at <paramref name="at"/>.</summary>
    public void WriteFx(long at, FxQuote quote)
    {
        WriteVenueless(at, CaptureKinds.Fx, CapturePayloads.Fx(quote));
    }

    /// <summary>Engine settings sent to the engine at <paramref name="at"/> (a runtime change, or overrides restored at start).</summary>
    public void WriteSettings(long at, EngineRuntimeSettings settings)
    {
        WriteVenueless(at, CaptureKinds.Settings, CapturePayloads.Settings(settings));
    }

    /// <summary>A wallet-status snapshot published to the engine at <paramref name="at"/>.</summary>
    public void WriteWallets(long at, WalletSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var payload = CapturePayloads.Wallets(snapshot);
        lock (gate)
        {
            Begin(at, snapshot.Venue, CaptureKinds.Wallets);
            json.WriteString(CaptureFields.Data, payload);
            End();
        }
    }

    public void WriteTick(long at)
    {
        lock (gate)
        {
            json.WriteStartObject();
            json.WriteString(CaptureFields.Ts, UnixMicros.ToIso(at));
            json.WriteString(CaptureFields.Kind, CaptureKinds.Tick);
            End();
            stream.Flush(); // ticks come a few times a second: a cheap bound on what a crash can lose
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            json.Dispose();
            stream.Flush();
            stream.Dispose();
        }
    }

    /// <summary>A line of <paramref name="kind"/> with no venue and <paramref name="payload"/> as its data.</summary>
    private void WriteVenueless(long at, string kind, string payload)
    {
        lock (gate)
        {
            json.WriteStartObject();
            json.WriteString(CaptureFields.Ts, UnixMicros.ToIso(at));
            json.WriteString(CaptureFields.Kind, kind);
            json.WriteString(CaptureFields.Data, payload);
            End();
        }
    }

    private void Begin(long at, VenueId venue, string kind)
    {
        json.WriteStartObject();
        json.WriteString(CaptureFields.Ts, UnixMicros.ToIso(at));
        json.WriteString(CaptureFields.Venue, venue.Name());
        json.WriteString(CaptureFields.Kind, kind);
    }

    private void WriteData(ReadOnlySpan<byte> data)
    {
        if (Utf8.IsValid(data))
        {
            json.WriteString(CaptureFields.Data, data);
        }
        else
        {
            json.WriteBase64String(CaptureFields.Data64, data);
        }
    }

    private void End()
    {
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        buffer.Write("\n"u8);
        stream.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
        Interlocked.Increment(ref lines);
    }
}
