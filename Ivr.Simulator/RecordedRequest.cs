namespace Ivr.Simulator;

/// <summary>One REST request the simulator answered, for tests that check what a client sent.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query string as sent, e.g. <c>/ari/channels/1.1/play?media=sound:x</c>.</param>
/// <param name="Body">Request body text, or null when there was none.</param>
/// <param name="Status">HTTP status returned.</param>
/// <param name="Time">When the request arrived.</param>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? Body, int Status, DateTimeOffset Time);
