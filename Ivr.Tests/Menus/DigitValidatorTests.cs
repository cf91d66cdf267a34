using Ivr.Menus.Input;

namespace Ivr.Tests.Menus;

public class DigitValidatorTests
{
    static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("invoice-code", "4403191130", "4403191130")]
    [InlineData("invoice-code", "044031900111", "044031900111")]
    [InlineData("invoice-code", "4403261330", "4403261330")]
    [InlineData("invoice-code", "4403271130", null)]
    [InlineData("invoice-code", "4403190430", null)]
    [InlineData("invoice-code", "44031911", null)]
    [InlineData("invoice-number", "01234567", "01234567")]
    [InlineData("invoice-number", "0123456", null)]
    [InlineData("digital-invoice-number", "25440000000012345678", "25440000000012345678")]
    [InlineData("digital-invoice-number", "27440000000012345678", null)]
    [InlineData("date", "20240229", "20240229")]
    [InlineData("date", "20230229", null)]
    [InlineData("date", "20261124", null)]
    [InlineData("amount", "1234*5", "1234.50")]
    [InlineData("amount", "0012", "12.00")]
    [InlineData("amount", "12*345", null)]
    [InlineData("amount", "1*2*3", null)]
    [InlineData("amount", "*50", null)]
    [InlineData("id-card", "11010519491231002*", "11010519491231002X")]
    [InlineData("id-card", "110105194912310021", null)]
    [InlineData("id-card", "110105209912310025", null)]
    [InlineData("mobile", "13800000000", "13800000000")]
    [InlineData("mobile", "12800000000", null)]
    [InlineData("check-code-6", "123456", "123456")]
    public void Caller_input_is_accepted_normalised_or_rejected(string validator, string keys, string? expected)
    {
        var result = DigitValidators.Check(validator, keys, Today);
        if (expected is null) Assert.IsType<DigitCheck.Invalid>(result);
        else Assert.Equal(expected, Assert.IsType<DigitCheck.Valid>(result).Value);
    }

    [Theory]
    [InlineData("4403191130", "special", "amount")]
    [InlineData("4403191330", "ordinary", "check-code")]
    [InlineData("4403191230", "freight", "amount")]
    [InlineData("044031900111", "e-ordinary", "check-code")]
    [InlineData("044031900106", "roll", "check-code")]
    [InlineData("044031900112", "toll", "check-code")]
    [InlineData("144031920011", "motor", "amount")]
    public void Invoice_code_tells_its_kind_and_the_field_the_check_needs(string code, string kind, string needs)
    {
        var valid = Assert.IsType<DigitCheck.Valid>(InvoiceCode.Check(code, Today));
        Assert.Equal(kind, valid.Derived["kind"]);
        Assert.Equal(needs, valid.Derived["needs"]);
    }

    [Fact]
    public void Credit_code_with_letters_keyed_by_position_is_accepted()
    {
        var code = Code("91440300MA5F0P2C1");
        Assert.Equal(code, Assert.IsType<DigitCheck.Valid>(CreditCode.Check(Keyed(code, unsure: false))).Value);
    }

    [Fact]
    public void One_unsure_letter_is_resolved_by_the_check_character()
    {
        var code = Code("91440300MA5F0P2C1");
        var keys = Keyed(code, unsure: false).Replace("*61", "*60");
        Assert.Equal(code, Assert.IsType<DigitCheck.Valid>(CreditCode.Check(keys)).Value);
    }

    [Fact]
    public void Many_unsure_letters_ask_for_re_entry_or_are_rejected()
    {
        var code = Code("91440300MA5F0P2C1");
        var keys = Keyed(code, unsure: true);
        Assert.IsNotType<DigitCheck.Valid>(CreditCode.Check(keys));
    }

    [Theory]
    [InlineData("9144030*12", "position")]
    [InlineData("9144030*45", "only 3 letters")]
    [InlineData("9144030*94", "never used")]
    [InlineData("914403", "18 characters")]
    public void Credit_code_errors_say_what_is_wrong(string keys, string reason) =>
        Assert.Contains(reason, Assert.IsType<DigitCheck.Invalid>(CreditCode.Check(keys)).Reason);

    [Fact]
    public void Credit_code_with_a_wrong_check_character_is_rejected()
    {
        var code = Code("91440300MA5F0P2C1");
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');
        Assert.IsType<DigitCheck.Invalid>(CreditCode.Check(Keyed(wrong, unsure: false)));
    }

    static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);

    static readonly string[] Keypad = ["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"];

    static string Keyed(string code, bool unsure) => string.Concat(code.Select(c =>
    {
        if (char.IsAsciiDigit(c)) return c.ToString();
        var key = Array.FindIndex(Keypad, k => k.Contains(c));
        return $"*{key}{(unsure ? 0 : Keypad[key].IndexOf(c) + 1)}";
    }));
}
