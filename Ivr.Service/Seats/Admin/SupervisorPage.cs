namespace Ivr.Service.Seats.Admin;

/// <summary>
/// The live supervisor page (no build step): it polls <c>/admin/queues/stats</c> every two seconds with the browser's
/// admin credentials (HTTP Basic, the key as password) and redraws. Text goes in with textContent, never as HTML.
/// </summary>
public static class SupervisorPage
{
    public const string Path = "/seats/live";

    public const string Html = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>12366 坐席实时监控 / live seats</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
          h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin-top: 1.5rem; }
          table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: right; }
          th:first-child, td:first-child { text-align: left; } th { background: #f3f3f3; }
          #status { color: #666; font-size: .85rem; } #status.error { color: #b00; }
          .states span { display: inline-block; margin-right: 1rem; }
        </style>
        </head>
        <body>
        <h1>12366 坐席实时监控 <small>live seats</small></h1>
        <p id="status">loading…</p>
        <h2>队列 / queues (today)</h2>
        <table id="queues"><thead><tr>
          <th>queue</th><th>waiting</th><th>longest wait (s)</th><th>entered</th><th>answered</th>
          <th>within 20 s</th><th>service level</th><th>abandoned</th><th>handled</th><th>avg handle (s)</th>
        </tr></thead><tbody></tbody></table>
        <h2>坐席状态 / seats by state</h2>
        <p class="states" id="states"></p>
        <h2>坐席 / seats (today)</h2>
        <table id="seats"><thead><tr>
          <th>seat</th><th>state</th><th>reason</th><th>handled</th><th>talk time (s)</th>
        </tr></thead><tbody></tbody></table>
        <script>
        "use strict";
        const url = "../queues/stats";
        function row(cells) {
          const tr = document.createElement("tr");
          for (const c of cells) { const td = document.createElement("td"); td.textContent = c ?? "–"; tr.appendChild(td); }
          return tr;
        }
        function percent(v) { return v == null ? null : (v * 100).toFixed(1) + " %"; }
        function draw(s) {
          document.querySelector("#queues tbody").replaceChildren(...s.queues.map(q => row([q.queue, q.waiting, q.longestWaitSeconds,
            q.entered, q.answered, q.answeredWithin20s, percent(q.serviceLevel), q.abandoned, q.handled, q.averageHandleSeconds])));
          document.getElementById("states").replaceChildren(...Object.entries(s.seatsByState).map(([k, v]) => {
            const span = document.createElement("span"); span.textContent = k + ": " + v; return span; }));
          document.querySelector("#seats tbody").replaceChildren(...s.seats.map(x => row([x.seat, x.state, x.reason, x.callsToday, x.talkSecondsToday])));
        }
        async function refresh() {
          const status = document.getElementById("status");
          try {
            const r = await fetch(url, { credentials: "same-origin", cache: "no-store" });
            if (!r.ok) throw new Error("stats answered " + r.status);
            draw(await r.json());
            status.className = ""; status.textContent = "updated " + new Date().toLocaleTimeString();
          } catch (e) {
            status.className = "error"; status.textContent = "not updated: " + e.message;
          }
        }
        refresh();
        setInterval(refresh, 2000);
        </script>
        </body>
        </html>
        """;
}
