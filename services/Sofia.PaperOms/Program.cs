using Sofia.Hosting;
using Sofia.Messaging;
using Sofia.PaperOms;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddSofiaMessageBus();
builder.Services.AddPaperOms();
builder.Services.AddPaperOmsMarketHistory(builder.Configuration);

var app = builder.Build();
app.MapSofiaEndpoints();
app.MapPaperOms();
return await app.RunSofiaAsync();
