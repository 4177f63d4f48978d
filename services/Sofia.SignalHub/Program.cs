using Sofia.Hosting;
using Sofia.Messaging;
using Sofia.SignalHub;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddSofiaMessageBus();
builder.Services.AddSignalHub();

var app = builder.Build();
app.MapSofiaEndpoints();
app.MapSignalHub();
return await app.RunSofiaAsync();
