global using Xunit;
global using HedgeMath.Engine;
