using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ivr.Service.SelfService.Invoices.Http;

/// <summary>The request body of docs/invoice-verification.md: dates as 2024-03-15, amounts as 1234.50, code "" for 数电票.</summary>
public sealed record VerifyRequest(string Code, string Number, string Date, string CheckKind, string Check);

/// <summary>The reply: <see cref="Result"/> is one of the action's result codes (or "invalid"); <see cref="Invoice"/> comes with "match".</summary>
public sealed record VerifyResponse(string? Result, VerifiedInvoice? Invoice);

/// <summary>The matching invoice's details the caller hears.</summary>
public sealed record VerifiedInvoice(string? Seller, string? Date, decimal? Total);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyResponse))]
public sealed partial class VerifyJson : JsonSerializerContext;
