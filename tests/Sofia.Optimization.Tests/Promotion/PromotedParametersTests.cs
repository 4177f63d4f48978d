using System.Text;
using Sofia.Optimization.Promotion;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Tests.Promotion;

[TestFixture]
public sealed class PromotedParametersTests
{
    [Test]
    public void Key_is_strategy_dot_symbol()
    {
        Assert.That(PromotedParameters.Key("trend", "BTC-USDT"), Is.EqualTo("trend.BTC-USDT"));
    }

    [Test]
    public void Value_is_a_json_object_of_names_to_text_that_binds_back_to_the_same_parameters()
    {
        var parameters = TrendStrategy.Descriptor.Parameters.Bind(new Dictionary<string, string>
        {
            ["fast"] = "20",
            ["slow"] = "50",
            ["stop_atr"] = "1.5",
            ["regime"] = "hurst",
        });

        var json = PromotedParameters.ToJson(parameters);

        Assert.That(Encoding.UTF8.GetString(json), Is.EqualTo(
            """{"fast":"20","slow":"50","stop_atr":"1.5","trail_atr":"0","atr_period":"14","regime":"hurst","regime_period":"200"}"""));
        var again = TrendStrategy.Descriptor.Parameters.Bind(PromotedParameters.FromJson(json));
        Assert.That(again.ToString(), Is.EqualTo(parameters.ToString()));
    }
}
