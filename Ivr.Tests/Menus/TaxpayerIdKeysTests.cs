using Ivr.Menus.Input;

namespace Ivr.Tests.Menus;

/// <summary>The taxpayer-id validator: credit codes (letters as * + key + position) and resident ID numbers (X as a final *).</summary>
public sealed class TaxpayerIdKeysTests
{
    static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("914403007152600052", "914403007152600052", "credit-code")]
    [InlineData("91310115*61*211*427*212*223*23", "91310115MA1H7A2B3C", "credit-code")]
    [InlineData("440306198506120038", "440306198506120038", "id-number")]
    [InlineData("11010519491231002*", "11010519491231002X", "id-number")]
    public void Accepted_keys_give_the_id_and_its_kind(string keys, string id, string kind)
    {
        var valid = Assert.IsType<DigitCheck.Valid>(TaxpayerIdKeys.Check(keys, Today));
        Assert.Equal((id, kind), (valid.Value, valid.Derived["kind"]));
    }

    [Theory]
    [InlineData("440306198506120037", "neither a credit code nor an ID number")]
    [InlineData("11010519491231003*", "check character does not match")]
    [InlineData("44030620300612003*", "not a real past date")]
    [InlineData("4403061985061200", "a credit code has 18 characters")]
    [InlineData("9144030071526000*1", "a letter is * then its key")]
    public void Refused_keys_say_why(string keys, string reason)
    {
        var invalid = Assert.IsType<DigitCheck.Invalid>(TaxpayerIdKeys.Check(keys, Today));
        Assert.Contains(reason, invalid.Reason);
    }

    [Fact]
    public void The_validator_is_built_into_the_menu_language_and_the_12366_menus_take_ids_with_it()
    {
        Assert.Contains("taxpayer-id", DigitValidators.Names);
        var fragment = File.ReadAllText(Path.Combine(Infrastructure.Servers.RepoRoot(), "menus", "fragments", "seats.yaml"));
        Assert.Contains("validator: taxpayer-id", fragment);
    }
}
