using Sofia.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSofiaDefaults();

var app = builder.Build();
app.MapSofiaEndpoints();
return await app.RunSofiaAsync();
