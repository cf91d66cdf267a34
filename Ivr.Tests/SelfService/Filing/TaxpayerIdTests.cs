using Ivr.Menus.Input;
using Ivr.Service.SelfService.Filing;

namespace Ivr.Tests.SelfService.Filing;

public sealed class TaxpayerIdTests
{
    static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("914403007152600052", "914403007152600052", "credit-code")]
    [InlineData("91310115ma1h7a2b3c", "91310115MA1H7A2B3C", "credit-code")]
    [InlineData(" 91110108MA01C8D2X9 ", "91110108MA01C8D2X9", "credit-code")]
    [InlineData("11010519491231002x", "11010519491231002X", "id-number")]
    [InlineData("440306198506120038", "440306198506120038", "id-number")]
    public void Credit_codes_and_id_numbers_with_matching_check_characters_are_taxpayer_ids(string text, string id, string kind)
    {
        var valid = Assert.IsType<DigitCheck.Valid>(TaxpayerId.Check(text, Today));
        Assert.Equal(id, valid.Value);
        Assert.Equal(kind, valid.Derived["kind"]);
    }

    [Theory]
    [InlineData("914403007152600053", "check character")] // last character off by one
    [InlineData("91440300715260005", "18 characters")]
    [InlineData("11010519491231002Y", "check character")]
    [InlineData("110105209912310028", "check character")] // a birth date in the future is no ID number
    [InlineData("9144030071526000OI", "check character")] // O and I are never used in credit codes
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        var invalid = Assert.IsType<DigitCheck.Invalid>(TaxpayerId.Check(text, Today));
        Assert.Contains(reason, invalid.Reason);
        Assert.DoesNotContain(text.Trim(), invalid.Reason);
    }

    [Fact]
    public void Logs_see_only_the_region_and_the_last_two_characters() =>
        Assert.Equal("9144************52", TaxpayerId.Masked("914403007152600052"));
}
