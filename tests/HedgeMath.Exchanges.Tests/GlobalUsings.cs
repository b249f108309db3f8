global using Xunit;
global using HedgeMath.Exchanges.Tests.Infrastructure;
