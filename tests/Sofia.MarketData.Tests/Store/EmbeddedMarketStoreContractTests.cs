using Sofia.MarketData;

namespace Sofia.MarketData.Tests.Store;

/// <summary>The store contract on the in-process store.</summary>
[TestFixture]
public sealed class EmbeddedMarketStoreContractTests : MarketStoreContractTests
{
    protected override Task<IMarketStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IMarketStore>(new EmbeddedMarketStore());
}
