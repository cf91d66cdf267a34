using Ivr.Menus.Input;

namespace Ivr.Service.SelfService.Filing;

/// <summary>
/// A taxpayer id as filing tables key it: an 18-character 统一社会信用代码 with a matching check character
/// (GB 32100-2015), or an individual's 18-character ID number with a matching check digit (X upper case).
/// </summary>
public static class TaxpayerId
{
    const string CreditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The id normalised, or why it cannot be one (the reason never repeats the id).</summary>
    public static DigitCheck Check(string text, DateOnly today)
    {
        var id = text.Trim().ToUpperInvariant();
        if (id.Length != 18) return new DigitCheck.Invalid($"a taxpayer id has 18 characters, got {id.Length}");
        if (id.All(CreditCodeCharset.Contains) && CreditCode.CheckCharacter(id[..17]) == id[17]) return DigitCheck.Ok(id, ("kind", "credit-code"));
        if (IdCard.Check(id, today) is DigitCheck.Valid person) return DigitCheck.Ok(person.Value, ("kind", "id-number"));
        return new DigitCheck.Invalid("neither a credit code nor an ID number: the check character does not match");
    }

    /// <summary>For logs: the first 4 and last 2 characters (the region and registration office, not the holder).</summary>
    public static string Masked(string id) => id.Length < 8 ? new string('*', id.Length) : $"{id[..4]}{new string('*', id.Length - 6)}{id[^2..]}";
}
