using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ivr.Service.Admin;

/// <summary>
/// Admin access by API key: <c>X-Api-Key: KEY</c>, <c>Authorization: Bearer KEY</c>, or HTTP Basic with the key as
/// password (so a browser can open the Hangfire dashboard). Keys come from Admin:ApiKeys (or IVR_ADMIN_KEY); with
/// none configured every admin request is refused.
/// </summary>
public static class AdminAuthentication
{
    public const string Scheme = "AdminKey";
    public const string Policy = "admin";

    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminKeyOptions>(Scheme).Configure(o =>
        {
            o.Keys = [.. configuration.GetSection("Admin:ApiKeys").Get<string[]>() ?? []];
            if (configuration["IVR_ADMIN_KEY"] is { Length: > 0 } env) o.Keys.Add(env);
        });
        services.AddAuthentication().AddScheme<AdminKeyOptions, AdminKeyHandler>(Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }
}

public sealed class AdminKeyOptions : AuthenticationSchemeOptions
{
    public List<string> Keys { get; set; } = [];
}

sealed class AdminKeyHandler(IOptionsMonitor<AdminKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AdminKeyOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (Options.Keys.Count == 0)
            return Task.FromResult(AuthenticateResult.Fail("no admin keys are configured (Admin:ApiKeys or IVR_ADMIN_KEY)"));
        var bytes = Encoding.UTF8.GetBytes(presented);
        // Fixed-time comparison so response timing does not leak how much of a key matched.
        if (!Options.Keys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), bytes)))
            return Task.FromResult(AuthenticateResult.Fail("wrong admin key"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Basic realm=\"12366 admin\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    string? PresentedKey()
    {
        if (Request.Headers["X-Api-Key"] is [{ Length: > 0 } key]) return key;
        var auth = Request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth[7..].Trim();
        if (!auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim()));
            var colon = pair.IndexOf(':');
            return colon < 0 ? null : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
