using Sofia.Hosting;
using Sofia.TickWriter;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();
builder.Services.AddTickWriter();

var app = builder.Build();
app.MapSofiaEndpoints();
app.MapTickWriter();
return await app.RunSofiaAsync();
