using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.TickWriter;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddSofiaMessageBus();
builder.Services.AddClickHouseMarketStore();
builder.Services.AddTickWriter();

var app = builder.Build();
app.MapSofiaEndpoints();
app.MapTickWriter();
return await app.RunSofiaAsync();
