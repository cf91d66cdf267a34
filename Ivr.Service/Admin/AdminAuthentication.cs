using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ivr.Service.Admin;

/// <summary>
/// Admin access by API key: <c>X-Api-Key: KEY</c>, <c>Authorization: Bearer KEY</c>, or HTTP Basic with the key as
/// password (so a browser can open the Hangfire dashboard). Each key has a name and a role (<see cref="AdminRoles"/>):
/// <c>Admin:Keys:N:Name/Key/Role</c>; the older <c>Admin:ApiKeys:N</c> and <c>IVR_ADMIN_KEY</c> are supervisor keys.
/// No key, no access (401); a key whose role is not enough is refused with 403.
/// </summary>
public static class AdminAuthentication
{
    public const string Scheme = "AdminKey";

    /// <summary>Changing things (menus, campaigns): supervisor keys only.</summary>
    public const string Policy = "admin";

    /// <summary>Reading (revisions, graphs, health): viewer and supervisor keys.</summary>
    public const string ReadPolicy = "admin-read";

    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // Campaigns and menus both need it; the second call must not register the scheme twice.
        if (services.Any(d => d.ServiceType == typeof(AdminKeyHandler))) return services;
        services.AddOptions<AdminKeyOptions>(Scheme).Configure(o => o.Keys = AdminKey.FromConfiguration(configuration)).ValidateOnStart();
        services.AddAuthentication().AddScheme<AdminKeyOptions, AdminKeyHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(AdminRoles.Supervisor))
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(AdminRoles.Supervisor, AdminRoles.Viewer));
        return services;
    }
}

public sealed class AdminKeyOptions : AuthenticationSchemeOptions
{
    public List<AdminKey> Keys { get; set; } = [];
}

sealed class AdminKeyHandler(IOptionsMonitor<AdminKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AdminKeyOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (Options.Keys.Count == 0)
            return Task.FromResult(AuthenticateResult.Fail("no admin keys are configured (Admin:Keys, Admin:ApiKeys or IVR_ADMIN_KEY)"));
        var bytes = Encoding.UTF8.GetBytes(presented);
        // Fixed-time comparison of every key so response timing does not leak how much of a key matched, nor which.
        AdminKey? match = null;
        foreach (var k in Options.Keys)
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k.Key), bytes)) match ??= k;
        if (match is null) return Task.FromResult(AuthenticateResult.Fail("wrong admin key"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, match.Name), new Claim(ClaimTypes.Role, match.Role)], Scheme.Name);
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
