using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Service.Campaigns;

/// <summary>
/// Loads an uploaded CSV audience with COPY: a header with <c>taxpayer_id</c> and <c>phone</c>, any other columns
/// becoming template variables. The whole file is checked; errors name the line and column.
/// </summary>
public sealed class AudienceImport(NpgsqlDataSource db)
{
    /// <summary>Replaces the campaign's uploaded audience; returns the number of rows.</summary>
    public async Task<long> ImportCsvAsync(long campaignId, TextReader csv, string sourceName, CancellationToken ct)
    {
        var header = CsvReader.ReadRecord(csv) ?? throw new FormatException($"{sourceName}: empty file; expected a header taxpayer_id,phone,...");
        header[0] = header[0].TrimStart('\uFEFF');
        var idColumn = Array.IndexOf(header, "taxpayer_id");
        var phoneColumn = Array.IndexOf(header, "phone");
        if (idColumn < 0 || phoneColumn < 0)
            throw new FormatException($"{sourceName} line 1: the header must name columns taxpayer_id and phone (found: {string.Join(",", header)})");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var del = new NpgsqlCommand("delete from campaign_audience_rows where campaign_id = $1", conn, tx))
        {
            del.CommandTimeout = (int)AudiencePlanner.BulkTimeout.TotalSeconds;
            del.Parameters.AddWithValue(campaignId);
            await del.ExecuteNonQueryAsync(ct);
        }
        long rows = 0;
        await using (var copy = await conn.BeginBinaryImportAsync(
            "copy campaign_audience_rows (campaign_id, taxpayer_id, phone, variables) from stdin (format binary)", ct))
        {
            copy.Timeout = AudiencePlanner.BulkTimeout;
            var line = 1;
            var variables = new Dictionary<string, string>();
            for (var record = CsvReader.ReadRecord(csv); record != null; record = CsvReader.ReadRecord(csv))
            {
                line++;
                if (record.Length == 1 && record[0].Length == 0) continue;
                if (record.Length != header.Length)
                    throw new FormatException($"{sourceName} line {line}: {record.Length} fields, the header has {header.Length}");
                var phone = record[phoneColumn].Trim();
                if (!PhoneNumbers.IsMobile(phone))
                    throw new FormatException($"{sourceName} line {line}: phone '{phone}' is not a mobile number (11 digits starting with 1, or +E.164)");
                if (record[idColumn].Trim().Length == 0)
                    throw new FormatException($"{sourceName} line {line}: empty taxpayer_id");
                variables.Clear();
                for (var i = 0; i < header.Length; i++)
                    if (i != idColumn && i != phoneColumn) variables[header[i]] = record[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(campaignId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(record[idColumn].Trim(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(phone, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(JsonSerializer.Serialize(variables), NpgsqlDbType.Jsonb, ct);
                rows++;
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows;
    }
}

/// <summary>Mobile numbers as campaigns accept them.</summary>
public static class PhoneNumbers
{
    public static bool IsMobile(string phone) =>
        phone.Length == 11 && phone[0] == '1' && phone.All(char.IsAsciiDigit)
        || phone.Length is >= 8 and <= 16 && phone[0] == '+' && phone.Skip(1).All(char.IsAsciiDigit);
}

/// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
static class CsvReader
{
    public static string[]? ReadRecord(TextReader reader)
    {
        var c = reader.Read();
        if (c < 0) return null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (; c >= 0; c = reader.Read())
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (reader.Peek() == '"') field.Append((char)reader.Read());
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n') break;
            else if (ch != '\r') field.Append(ch);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
