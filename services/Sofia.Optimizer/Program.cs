using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.Optimizer;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddSofiaMessageBus();
// History from ClickHouse candles when a ClickHouse section is configured; symbols with Optimizer:DataFiles read files.
if (builder.Configuration.GetSection(ClickHouseMarketStoreOptions.SectionName).Exists())
{
    builder.Services.AddClickHouseMarketHistory();
}

builder.Services.AddOptimizer();

var app = builder.Build();
app.MapSofiaEndpoints();
return await app.RunSofiaAsync();
