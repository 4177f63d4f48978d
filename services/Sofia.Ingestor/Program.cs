using Sofia.Hosting;
using Sofia.Ingestor;
using Sofia.Ingestor.Endpoints;
using Sofia.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddSofiaMessageBus();
builder.Services.AddIngestor();

var app = builder.Build();
app.MapSofiaEndpoints();
app.MapIngestorEndpoints();
return await app.RunSofiaAsync();
