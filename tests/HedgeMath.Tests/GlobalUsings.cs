global using Xunit;
global using HedgeMath.Engine;
global using HedgeMath.Interactive;
