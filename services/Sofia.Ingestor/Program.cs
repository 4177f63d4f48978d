using Sofia.Hosting;
using Sofia.Ingestor;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddIngestor();

var app = builder.Build();
app.MapSofiaEndpoints();
return await app.RunSofiaAsync();
