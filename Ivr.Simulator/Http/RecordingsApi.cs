using Ivr.Ari.Models;
using Ivr.Simulator.Core;
using Ivr.Simulator.Recordings;

namespace Ivr.Simulator.Http;

/// <summary>/ari/channels/{id}/record and /ari/recordings (live and stored), with the record trace's answers.</summary>
internal static class RecordingsApi
{
    static readonly IResult NotFound = AriResults.Error(404, "Recording not found");

    public static void Map(RouteGroupBuilder ari, Pbx pbx)
    {
        ari.MapPost("/channels/{id}/record", ChannelsApi.InStasis(pbx, (ch, r) =>
        {
            if (r["name"] is not { Length: > 0 } name) return AriResults.Error(400, "Recording name is required");
            if (r["format"] is not { Length: > 0 } format) return AriResults.Error(400, "Recording format is required");
            if (format != "wav") return AriResults.Error(422, $"Recording format '{format}' is not supported by the simulator (use wav)");
            if (name.Contains("..", StringComparison.Ordinal)) return AriResults.Error(400, "Recording name is invalid");
            var ifExists = r["ifExists"] ?? "fail";
            if (ifExists is not ("fail" or "overwrite" or "append")) return AriResults.Error(400, "ifExists invalid");
            if (pbx.Recorder.Find(name) is not null || (ifExists == "fail" && pbx.Recorder.StoredExists(name, format)))
                return AriResults.Error(409, $"Recording '{name}' already exists and can not be overwritten");
            var max = r.Int("maxDurationSeconds") is { } m and > 0 ? TimeSpan.FromSeconds(m) : (TimeSpan?)null;
            var silence = r.Int("maxSilenceSeconds") is { } s and > 0 ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            var terminateOn = r["terminateOn"] ?? "none";
            var queued = ch.Control.Busy is not null;
            var preview = new SimRecording(name, format, ch, pbx.Clock.Now) { State = queued ? "queued" : "recording" };
            ch.Control.Enqueue(() => pbx.Recorder.Start(ch, name, format, max, silence, terminateOn));
            return AriResults.Json(preview.Snapshot(), AriJsonContext.Default.LiveRecording, 201);
        }));

        ari.MapGet("/recordings/live/{name}", Live(pbx, rec => AriResults.Json(rec.Snapshot(), AriJsonContext.Default.LiveRecording)));
        ari.MapDelete("/recordings/live/{name}", Live(pbx, rec => Done(() => pbx.Recorder.Cancel(rec))));
        ari.MapPost("/recordings/live/{name}/stop", Live(pbx, rec => Done(() => pbx.Recorder.Stop(rec))));
        ari.MapPost("/recordings/live/{name}/pause", Live(pbx, rec => Done(() => pbx.Recorder.Pause(rec, true))));
        ari.MapDelete("/recordings/live/{name}/pause", Live(pbx, rec => Done(() => pbx.Recorder.Pause(rec, false))));
        ari.MapPost("/recordings/live/{name}/mute", Live(pbx, _ => AriResults.NoContent()));
        ari.MapDelete("/recordings/live/{name}/mute", Live(pbx, _ => AriResults.NoContent()));

        ari.MapGet("/recordings/stored", Handlers.Sync(pbx, (_, _) =>
            AriResults.Json(Stored(pbx).Select(s => s.Model).ToList(), AriJsonContext.Default.ListOfStoredRecording)));
        ari.MapGet("/recordings/stored/{name}", Handlers.Sync(pbx, (h, _) =>
            FindStored(pbx, h.Route("name")) is { } s ? AriResults.Json(s.Model, AriJsonContext.Default.StoredRecording) : NotFound));
        ari.MapDelete("/recordings/stored/{name}", Handlers.Sync(pbx, (h, _) =>
        {
            if (FindStored(pbx, h.Route("name")) is not { } s) return NotFound;
            File.Delete(s.Path);
            return AriResults.NoContent();
        }));
        ari.MapGet("/recordings/stored/{name}/file", Handlers.Sync(pbx, (h, _) =>
            FindStored(pbx, h.Route("name")) is { } s ? Results.Bytes(File.ReadAllBytes(s.Path), "audio/wav") : NotFound));
        ari.MapPost("/recordings/stored/{name}/copy", Handlers.Sync(pbx, (h, r) =>
        {
            if (FindStored(pbx, h.Route("name")) is not { } s) return NotFound;
            if (r["destinationRecordingName"] is not { Length: > 0 } dest || dest.Contains("..", StringComparison.Ordinal))
                return AriResults.Error(400, "destinationRecordingName is required");
            var target = pbx.RecordingPath(dest, s.Model.Format);
            if (File.Exists(target)) return AriResults.Error(409, "A recording with the same name already exists on the system");
            File.Copy(s.Path, target);
            return AriResults.Json(new StoredRecording { Name = dest, Format = s.Model.Format }, AriJsonContext.Default.StoredRecording);
        }));
    }

    static IResult Done(Action action)
    {
        action();
        return AriResults.NoContent();
    }

    static Delegate Live(Pbx pbx, Func<SimRecording, IResult> handler) =>
        Handlers.Sync(pbx, (h, _) => pbx.Recorder.Find(h.Route("name")) is { } rec ? handler(rec) : NotFound);

    static IEnumerable<(StoredRecording Model, string Path)> Stored(Pbx pbx) =>
        Directory.Exists(pbx.RecordingsDirectory)
            ? Directory.EnumerateFiles(pbx.RecordingsDirectory)
                .Where(f => pbx.Recorder.Find(Path.GetFileNameWithoutExtension(f)) is null)
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (new StoredRecording { Name = Path.GetFileNameWithoutExtension(f), Format = Path.GetExtension(f).TrimStart('.') }, f))
            : [];

    static (StoredRecording Model, string Path)? FindStored(Pbx pbx, string name) =>
        Stored(pbx).Where(s => s.Model.Name == name).Select(s => ((StoredRecording, string)?)s).FirstOrDefault();
}
