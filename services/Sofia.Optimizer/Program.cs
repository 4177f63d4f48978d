using Sofia.Hosting;
using Sofia.Messaging;
using Sofia.Optimizer;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddSofiaMessageBus();
builder.Services.AddOptimizer();

var app = builder.Build();
app.MapSofiaEndpoints();
return await app.RunSofiaAsync();
